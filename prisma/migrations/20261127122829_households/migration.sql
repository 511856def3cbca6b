-- CreateEnum
CREATE TYPE "HouseholdRequestStatus" AS ENUM ('OPEN', 'DELIVERED', 'TIMED_OUT');

-- AlterTable
ALTER TABLE "networks" ADD COLUMN     "sms_number" TEXT;

-- CreateTable
CREATE TABLE "households" (
    "id" SERIAL NOT NULL,
    "network_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "languages" TEXT[],
    "notes" TEXT,
    "no_shows_in_a_row" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "households_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "household_requests" (
    "id" SERIAL NOT NULL,
    "household_id" INTEGER NOT NULL,
    "category" "PostCategory" NOT NULL,
    "status" "HouseholdRequestStatus" NOT NULL DEFAULT 'OPEN',
    "source" TEXT NOT NULL,
    "opened_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMP(3),
    "warned_at" TIMESTAMP(3),

    CONSTRAINT "household_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "household_request_events" (
    "id" BIGSERIAL NOT NULL,
    "request_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "distribution_id" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "household_request_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "request_timeouts" (
    "network_id" INTEGER NOT NULL,
    "category" "PostCategory" NOT NULL,
    "days" INTEGER NOT NULL,

    CONSTRAINT "request_timeouts_pkey" PRIMARY KEY ("network_id","category")
);

-- CreateIndex
CREATE INDEX "households_network_id_name_idx" ON "households"("network_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "households_network_id_phone_key" ON "households"("network_id", "phone");

-- CreateIndex
CREATE INDEX "household_requests_household_id_status_idx" ON "household_requests"("household_id", "status");

-- CreateIndex
CREATE INDEX "household_requests_status_opened_at_idx" ON "household_requests"("status", "opened_at");

-- CreateIndex
CREATE INDEX "household_request_events_request_id_at_idx" ON "household_request_events"("request_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "networks_sms_number_key" ON "networks"("sms_number");

-- AddForeignKey
ALTER TABLE "households" ADD CONSTRAINT "households_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household_requests" ADD CONSTRAINT "household_requests_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "household_request_events" ADD CONSTRAINT "household_request_events_request_id_fkey" FOREIGN KEY ("request_id") REFERENCES "household_requests"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "request_timeouts" ADD CONSTRAINT "request_timeouts_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

