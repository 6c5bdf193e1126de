-- AlterTable
ALTER TABLE "KafkaConnection" ADD COLUMN     "registryPasswordEncrypted" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "registryUrl" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "registryUsername" TEXT NOT NULL DEFAULT '';

