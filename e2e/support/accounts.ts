/** The admin the global setup creates through the first-visit page; every spec runs signed in as them. */
export const e2eAdmin = { name: "Ada Admin", email: "ada.admin@example.test", password: "e2e admin passphrase 42" } as const;

/** Where the signed-in browser state is saved for the specs (cookies of the admin's session). */
export const storageStatePath = process.env.E2E_STORAGE_STATE ?? ".data/e2e/storage-state.json";
