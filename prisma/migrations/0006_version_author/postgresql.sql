-- AlterTable
ALTER TABLE "PipelineVersion" ADD COLUMN     "author" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "authorId" TEXT;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "startAppliedAt" TIMESTAMP(3),
ADD COLUMN     "startAt" TEXT;

