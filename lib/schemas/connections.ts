import { z } from "zod";

/**
 * The Kafka connections API: request bodies and answers, shared by the route
 * handlers, the server functions that shape the answers and the browser's client,
 * which parses every answer with these. Only these typed settings exist: there is
 * deliberately no way to pass raw client properties through.
 */

const noControlCharacters = (value: string) => !/[\u0000-\u001f\u007f]/.test(value);

export const saslMechanisms = ["none", "plain", "scram-sha-256", "scram-sha-512"] as const;
export type SaslMechanism = (typeof saslMechanisms)[number];

export const connectionName = z
  .string({ error: "Name must be a string" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Names are at most 100 characters")
  .refine(noControlCharacters, "Names cannot contain control characters such as line breaks");

/** `host:port`, host a DNS name, an IPv4 address or a bracketed IPv6 address. */
export const brokerAddress = z
  .string({ error: "A broker must be a string such as kafka-1.example.com:9092" })
  .trim()
  .max(260, "A broker address is at most 260 characters")
  .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):\d{1,5}$/, "A broker must be host:port, e.g. kafka-1.example.com:9092 or [::1]:9092")
  .refine((value) => {
    const port = Number(value.slice(value.lastIndexOf(":") + 1));
    return port >= 1 && port <= 65535;
  }, "The port must be between 1 and 65535");

const brokers = z.array(brokerAddress, { error: "Brokers must be a list of host:port" }).min(1, "Add at least one broker").max(20, "At most 20 brokers");

const caPem = z
  .string({ error: "The CA certificate must be text" })
  .trim()
  .max(64 * 1024, "The CA certificate is at most 64 KiB")
  .refine((value) => value === "" || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(value), "Paste the CA as PEM: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----");

const username = z.string({ error: "Username must be a string" }).max(256, "Usernames are at most 256 characters").refine(noControlCharacters, "Usernames cannot contain control characters");
const password = z.string({ error: "Password must be a string" }).min(1, "Password cannot be empty").max(1024, "Passwords are at most 1024 characters");

/** The Confluent-compatible API of the connection's Schema Registry ("" for none). */
export const registryUrl = z
  .string({ error: "The Schema Registry URL must be text" })
  .trim()
  .max(2000, "The Schema Registry URL is at most 2000 characters")
  .refine((value) => value === "" || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(value), "The Schema Registry URL must be http:// or https:// with a host, e.g. https://registry.example.com or http://localhost:8085/apis/ccompat/v6 (no query or fragment)")
  .refine((value) => !/^https?:\/\/[^/]*@/.test(value), "Put the Schema Registry's credentials in its username and password fields, not in the URL");

const sasl = z.enum(saslMechanisms, { error: "SASL mechanism must be none, plain, scram-sha-256 or scram-sha-512" });

export const createConnectionBody = z
  .strictObject({
    name: connectionName,
    brokers,
    saslMechanism: sasl.default("none"),
    username: username.optional(),
    /** Write-only: stored encrypted, never returned. */
    password: password.optional(),
    tls: z.boolean({ error: "TLS must be true or false" }).default(false),
    caPem: caPem.optional(),
    registryUrl: registryUrl.optional(),
    registryUsername: username.optional(),
    /** Write-only: stored encrypted, never returned. */
    registryPassword: password.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.registryUsername || body.registryPassword) && !body.registryUrl) ctx.addIssue({ code: "custom", path: ["registryUrl"], message: "Schema Registry credentials need a Schema Registry URL" });
    if (body.registryPassword && !body.registryUsername) ctx.addIssue({ code: "custom", path: ["registryUsername"], message: "A Schema Registry password needs a username" });
    if (body.saslMechanism !== "none" && !body.username) ctx.addIssue({ code: "custom", path: ["username"], message: "A username is required with SASL" });
    if (body.saslMechanism !== "none" && !body.password) ctx.addIssue({ code: "custom", path: ["password"], message: "A password is required with SASL" });
    if (body.caPem && !body.tls) ctx.addIssue({ code: "custom", path: ["caPem"], message: "A CA certificate only applies with TLS on" });
  });

/**
 * Every field optional; `password` or `registryPassword` omitted keeps the stored one.
 * `registryUrl: ""` removes the registry with its credentials; `registryUsername: ""` removes its login.
 */
export const updateConnectionBody = z
  .strictObject({
    name: connectionName.optional(),
    brokers: brokers.optional(),
    saslMechanism: sasl.optional(),
    username: username.optional(),
    password: password.optional(),
    tls: z.boolean({ error: "TLS must be true or false" }).optional(),
    caPem: caPem.optional(),
    registryUrl: registryUrl.optional(),
    registryUsername: username.optional(),
    registryPassword: password.optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Send at least one field to change");

export type CreateConnectionBody = z.infer<typeof createConnectionBody>;
export type UpdateConnectionBody = z.infer<typeof updateConnectionBody>;

// ─── Answers ──────────────────────────────────────────────────────────────────

/** A Kafka connection as the API shows it: the password never, only whether one is stored. */
export const connectionView = z.object({
  id: z.string(),
  name: z.string(),
  brokers: z.array(z.string()),
  saslMechanism: z.enum(saslMechanisms),
  username: z.string(),
  hasPassword: z.boolean(),
  tls: z.boolean(),
  hasCa: z.boolean(),
  caPem: z.string(),
  /** The Schema Registry of this cluster ("" for none), its login, and whether a password is stored (never the password). */
  registryUrl: z.string(),
  registryUsername: z.string(),
  hasRegistryPassword: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const connectionListResponse = z.object({ connections: z.array(connectionView) });
export const connectionResponse = z.object({ connection: connectionView });

export type ConnectionView = z.infer<typeof connectionView>;
