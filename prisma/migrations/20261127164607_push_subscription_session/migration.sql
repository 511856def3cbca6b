-- AlterTable
ALTER TABLE "push_subscriptions" ADD COLUMN     "session_token" TEXT;

-- CreateIndex
CREATE INDEX "push_subscriptions_session_token_idx" ON "push_subscriptions"("session_token");

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_session_token_fkey" FOREIGN KEY ("session_token") REFERENCES "sessions"("session_token") ON DELETE CASCADE ON UPDATE CASCADE;

