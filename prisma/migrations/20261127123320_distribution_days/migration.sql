-- CreateEnum
CREATE TYPE "InvitationStatus" AS ENUM ('QUEUED', 'INVITED', 'CONFIRMED', 'DECLINED', 'NO_ANSWER', 'CHECKED_IN', 'NO_SHOW');

-- CreateTable
CREATE TABLE "distributions" (
    "id" SERIAL NOT NULL,
    "network_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "languages" TEXT[],
    "notes" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMP(3),

    CONSTRAINT "distributions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "distribution_slots" (
    "id" SERIAL NOT NULL,
    "distribution_id" INTEGER NOT NULL,
    "time" TEXT NOT NULL,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "capacity" INTEGER NOT NULL,

    CONSTRAINT "distribution_slots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "distribution_items" (
    "distribution_id" INTEGER NOT NULL,
    "category" "PostCategory" NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "distribution_items_pkey" PRIMARY KEY ("distribution_id","category")
);

-- CreateTable
CREATE TABLE "invitations" (
    "id" SERIAL NOT NULL,
    "distribution_id" INTEGER NOT NULL,
    "household_id" INTEGER NOT NULL,
    "run_id" INTEGER,
    "status" "InvitationStatus" NOT NULL DEFAULT 'QUEUED',
    "slot_id" INTEGER,
    "token" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "sent_at" TIMESTAMP(3),
    "last_text_at" TIMESTAMP(3),
    "follow_ups_sent" INTEGER NOT NULL DEFAULT 0,
    "answered_at" TIMESTAMP(3),
    "reminded_day_before_at" TIMESTAMP(3),
    "reminded_soon_at" TIMESTAMP(3),
    "checked_in_at" TIMESTAMP(3),

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outreach_runs" (
    "id" SERIAL NOT NULL,
    "distribution_id" INTEGER NOT NULL,
    "templates" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopped_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "outreach_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "check_in_operations" (
    "id" TEXT NOT NULL,
    "distribution_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "household_id" INTEGER NOT NULL,
    "request_id" INTEGER,
    "applied_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "check_in_operations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "distributions_network_id_date_idx" ON "distributions"("network_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "distribution_slots_distribution_id_time_key" ON "distribution_slots"("distribution_id", "time");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_key" ON "invitations"("token");

-- CreateIndex
CREATE INDEX "invitations_status_last_text_at_idx" ON "invitations"("status", "last_text_at");

-- CreateIndex
CREATE INDEX "invitations_run_id_sent_at_idx" ON "invitations"("run_id", "sent_at");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_distribution_id_household_id_key" ON "invitations"("distribution_id", "household_id");

-- CreateIndex
CREATE INDEX "outreach_runs_finished_at_stopped_at_idx" ON "outreach_runs"("finished_at", "stopped_at");

-- CreateIndex
CREATE INDEX "check_in_operations_distribution_id_idx" ON "check_in_operations"("distribution_id");

-- AddForeignKey
ALTER TABLE "distributions" ADD CONSTRAINT "distributions_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "distribution_slots" ADD CONSTRAINT "distribution_slots_distribution_id_fkey" FOREIGN KEY ("distribution_id") REFERENCES "distributions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "distribution_items" ADD CONSTRAINT "distribution_items_distribution_id_fkey" FOREIGN KEY ("distribution_id") REFERENCES "distributions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_distribution_id_fkey" FOREIGN KEY ("distribution_id") REFERENCES "distributions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_household_id_fkey" FOREIGN KEY ("household_id") REFERENCES "households"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "outreach_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_slot_id_fkey" FOREIGN KEY ("slot_id") REFERENCES "distribution_slots"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outreach_runs" ADD CONSTRAINT "outreach_runs_distribution_id_fkey" FOREIGN KEY ("distribution_id") REFERENCES "distributions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "check_in_operations" ADD CONSTRAINT "check_in_operations_distribution_id_fkey" FOREIGN KEY ("distribution_id") REFERENCES "distributions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

