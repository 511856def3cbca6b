-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('MAIL', 'SMS');

-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "channel" "Channel" NOT NULL DEFAULT 'MAIL',
ADD COLUMN     "delivery_status" TEXT,
ADD COLUMN     "provider_message_id" TEXT,
ALTER COLUMN "subject" DROP NOT NULL;

-- CreateTable
CREATE TABLE "sms_opt_outs" (
    "number_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_opt_outs_pkey" PRIMARY KEY ("number_hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_messages_provider_message_id_key" ON "outbox_messages"("provider_message_id");

