-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "NtaType" AS ENUM ('RESIDENTIAL', 'RIKERS_ISLAND', 'SPECIAL_AREA', 'CEMETERY', 'AIRPORT', 'PARK');

-- CreateEnum
CREATE TYPE "NetworkStatus" AS ENUM ('LISTED', 'VERIFIED');

-- CreateTable
CREATE TABLE "boroughs" (
    "id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,

    CONSTRAINT "boroughs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "neighborhoods" (
    "id" SERIAL NOT NULL,
    "nta_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "borough_id" INTEGER NOT NULL,
    "community_district" TEXT NOT NULL,
    "nta_type" "NtaType" NOT NULL,
    "edited_at" TIMESTAMP(3),

    CONSTRAINT "neighborhoods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "networks" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "borough_id" INTEGER,
    "website_url" TEXT,
    "description" TEXT,
    "directory_notes" TEXT,
    "source_urls" TEXT[],
    "status" "NetworkStatus" NOT NULL DEFAULT 'LISTED',
    "edited_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "networks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "network_coverage" (
    "network_id" INTEGER NOT NULL,
    "neighborhood_id" INTEGER NOT NULL,

    CONSTRAINT "network_coverage_pkey" PRIMARY KEY ("network_id","neighborhood_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "boroughs_name_key" ON "boroughs"("name");

-- CreateIndex
CREATE UNIQUE INDEX "boroughs_slug_key" ON "boroughs"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "neighborhoods_nta_code_key" ON "neighborhoods"("nta_code");

-- CreateIndex
CREATE UNIQUE INDEX "neighborhoods_slug_key" ON "neighborhoods"("slug");

-- CreateIndex
CREATE INDEX "neighborhoods_borough_id_name_idx" ON "neighborhoods"("borough_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "networks_slug_key" ON "networks"("slug");

-- CreateIndex
CREATE INDEX "networks_borough_id_name_idx" ON "networks"("borough_id", "name");

-- CreateIndex
CREATE INDEX "network_coverage_neighborhood_id_idx" ON "network_coverage"("neighborhood_id");

-- AddForeignKey
ALTER TABLE "neighborhoods" ADD CONSTRAINT "neighborhoods_borough_id_fkey" FOREIGN KEY ("borough_id") REFERENCES "boroughs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "networks" ADD CONSTRAINT "networks_borough_id_fkey" FOREIGN KEY ("borough_id") REFERENCES "boroughs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_coverage" ADD CONSTRAINT "network_coverage_network_id_fkey" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "network_coverage" ADD CONSTRAINT "network_coverage_neighborhood_id_fkey" FOREIGN KEY ("neighborhood_id") REFERENCES "neighborhoods"("id") ON DELETE CASCADE ON UPDATE CASCADE;

