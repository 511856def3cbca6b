-- AlterTable
ALTER TABLE "users" ADD COLUMN     "notify_by" "Channel" NOT NULL DEFAULT 'MAIL',
ADD COLUMN     "sms_number" TEXT;

-- CreateTable
CREATE TABLE "phone_codes" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "link_hash" TEXT NOT NULL,
    "user_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "phone_codes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "phone_codes_number_idx" ON "phone_codes"("number");

-- CreateIndex
CREATE INDEX "phone_codes_user_id_idx" ON "phone_codes"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_sms_number_key" ON "users"("sms_number");

-- AddForeignKey
ALTER TABLE "phone_codes" ADD CONSTRAINT "phone_codes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

