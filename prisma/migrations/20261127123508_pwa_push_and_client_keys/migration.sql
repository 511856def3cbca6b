-- AlterEnum
ALTER TYPE "Channel" ADD VALUE 'PUSH';

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "client_key" VARCHAR(64);

-- AlterTable
ALTER TABLE "posts" ADD COLUMN     "client_key" VARCHAR(64);

-- CreateTable
CREATE TABLE "push_subscriptions" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "push_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "push_subscriptions"("endpoint");

-- CreateIndex
CREATE INDEX "push_subscriptions_user_id_idx" ON "push_subscriptions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "messages_sender_id_client_key_key" ON "messages"("sender_id", "client_key");

-- CreateIndex
CREATE UNIQUE INDEX "posts_author_id_client_key_key" ON "posts"("author_id", "client_key");

-- AddForeignKey
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

