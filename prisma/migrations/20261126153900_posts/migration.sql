-- CreateEnum
CREATE TYPE "PostKind" AS ENUM ('NEED', 'OFFER');

-- CreateEnum
CREATE TYPE "PostStatus" AS ENUM ('OPEN', 'WITHDRAWN', 'EXPIRED', 'FULFILLED');

-- CreateEnum
CREATE TYPE "PostCategory" AS ENUM ('GROCERIES', 'MEALS', 'HOUSEHOLD', 'CLOTHING', 'BABY_KIDS', 'RIDES', 'ERRANDS', 'PHARMACY', 'CHILDCARE', 'ELDER_CHECKINS', 'PET_CARE', 'HOUSING_INFO', 'TECH_HELP', 'LANGUAGE_HELP', 'PAPERWORK', 'MOVING', 'REPAIRS', 'COMPANIONSHIP', 'OTHER');

-- CreateEnum
CREATE TYPE "TimeWindow" AS ENUM ('TODAY', 'THIS_WEEK', 'THIS_MONTH', 'FLEXIBLE', 'BY_DATE');

-- CreateTable
CREATE TABLE "posts" (
    "id" SERIAL NOT NULL,
    "kind" "PostKind" NOT NULL,
    "status" "PostStatus" NOT NULL DEFAULT 'OPEN',
    "title" VARCHAR(120) NOT NULL,
    "details" VARCHAR(2000) NOT NULL,
    "category" "PostCategory" NOT NULL,
    "neighborhood_id" INTEGER NOT NULL,
    "network_id" INTEGER NOT NULL,
    "network_is_fallback" BOOLEAN NOT NULL DEFAULT false,
    "time_window" "TimeWindow" NOT NULL,
    "needed_by" DATE,
    "due_at" TIMESTAMP(3) NOT NULL,
    "quantity" INTEGER,
    "ongoing" BOOLEAN NOT NULL DEFAULT false,
    "languages" TEXT[],
    "author_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "reminder_sent_at" TIMESTAMP(3),
    "closed_at" TIMESTAMP(3),
    "privacy_flagged" BOOLEAN NOT NULL DEFAULT false,
    "search" tsvector,

    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "posts_status_created_at_id_idx" ON "posts"("status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "posts_status_due_at_id_idx" ON "posts"("status", "due_at", "id");

-- CreateIndex
CREATE INDEX "posts_neighborhood_id_status_created_at_idx" ON "posts"("neighborhood_id", "status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "posts_network_id_status_created_at_idx" ON "posts"("network_id", "status", "created_at" DESC);

-- CreateIndex
CREATE INDEX "posts_author_id_created_at_idx" ON "posts"("author_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "posts_status_expires_at_idx" ON "posts"("status", "expires_at");

-- CreateIndex
CREATE INDEX "posts_search_idx" ON "posts" USING GIN ("search");

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_neighborhood_id_fkey" FOREIGN KEY ("neighborhood_id") REFERENCES "neighborhoods"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Full-text search over title and details. 'simple' (no stemming) because posts come in many
-- languages. Prisma does not model triggers, so this lives only here.
CREATE FUNCTION "posts_search_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW."search" := setweight(to_tsvector('simple', coalesce(NEW."title", '')), 'A')
                 || setweight(to_tsvector('simple', coalesce(NEW."details", '')), 'B');
    RETURN NEW;
END
$$;

CREATE TRIGGER "posts_search_trigger" BEFORE INSERT OR UPDATE OF "title", "details" ON "posts"
    FOR EACH ROW EXECUTE FUNCTION "posts_search_update"();

