/** Who saved a version: the user's id and their e-mail at the time (kept when the user is deleted). */
export type VersionAuthor = { userId: string; email: string; name?: string };
