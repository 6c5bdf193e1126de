// The codec's errors, apart from the codec itself: the embedded source decoder (which the editor's
// bundle reaches through the operator registry) needs them without loading the registry library.

/** A value that cannot be decoded: the message goes to the dead-letter topic with this text. */
export class DecodeFailure extends Error {}

/** The registry refused a sink's schema (its compatibility rules, or the schema itself). */
export class SchemaRejected extends Error {
  constructor(
    readonly subject: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
