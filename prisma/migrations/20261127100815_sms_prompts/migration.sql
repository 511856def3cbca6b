-- CreateTable
CREATE TABLE "sms_prompts" (
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "post_id" INTEGER,
    "claim_id" INTEGER,
    "user_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sms_prompts_pkey" PRIMARY KEY ("number")
);

-- CreateIndex
CREATE INDEX "sms_prompts_user_id_idx" ON "sms_prompts"("user_id");

-- AddForeignKey
ALTER TABLE "sms_prompts" ADD CONSTRAINT "sms_prompts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

