-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_KafkaConnection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "brokers" TEXT NOT NULL,
    "saslMechanism" TEXT NOT NULL DEFAULT 'none',
    "username" TEXT NOT NULL DEFAULT '',
    "passwordEncrypted" TEXT NOT NULL DEFAULT '',
    "tls" BOOLEAN NOT NULL DEFAULT false,
    "caPem" TEXT NOT NULL DEFAULT '',
    "registryUrl" TEXT NOT NULL DEFAULT '',
    "registryUsername" TEXT NOT NULL DEFAULT '',
    "registryPasswordEncrypted" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_KafkaConnection" ("brokers", "caPem", "createdAt", "id", "name", "passwordEncrypted", "saslMechanism", "tls", "updatedAt", "username") SELECT "brokers", "caPem", "createdAt", "id", "name", "passwordEncrypted", "saslMechanism", "tls", "updatedAt", "username" FROM "KafkaConnection";
DROP TABLE "KafkaConnection";
ALTER TABLE "new_KafkaConnection" RENAME TO "KafkaConnection";
CREATE UNIQUE INDEX "KafkaConnection_name_key" ON "KafkaConnection"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

