-- AlterTable
ALTER TABLE "outbox_messages" ADD COLUMN     "from_address" TEXT;

-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "intake_by_text" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "intake_drafts" (
    "id" SERIAL NOT NULL,
    "network_id" INTEGER NOT NULL,
    "phone" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "intake_drafts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "intake_drafts_phone_idx" ON "intake_drafts"("phone");

-- CreateIndex
CREATE INDEX "intake_drafts_created_at_idx" ON "intake_drafts"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "intake_drafts_network_id_phone_key" ON "intake_drafts"("network_id", "phone");

-- AddForeignKey
ALTER TABLE "intake_drafts" ADD CONSTRAINT "intake_drafts_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

