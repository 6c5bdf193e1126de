import { describe, expect, it } from "vitest";
import { pipelineDocumentSchema, type PipelineDocument } from "./pipeline-document";
import { wordCountTemplate } from "./templates/word-count";
import { validatePipeline } from "./validate-pipeline";

const note = { id: "note-1", position: { x: 0, y: -160 }, size: { width: 240, height: 120 }, text: "# Reads lines\nfrom `test`", color: "green" as const };

describe("sticky notes in the pipeline document", () => {
  it("are optional: a document without them still parses, and one with them keeps them", () => {
    expect(pipelineDocumentSchema.parse(wordCountTemplate()).notes).toBeUndefined();
    expect(pipelineDocumentSchema.parse({ ...wordCountTemplate(), notes: [note] }).notes).toEqual([note]);
  });

  it("are ignored by validation: the same verdict with or without them, and kept in what is stored", () => {
    const withNotes: PipelineDocument = { ...wordCountTemplate(), notes: [note, { ...note, id: "note-2", color: undefined }] };
    const result = validatePipeline(withNotes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.input.notes).toHaveLength(2);
    // What runs has no notes: the engine and the Flink compiler read `document`.
    expect("notes" in result.document).toBe(false);

    const broken = { ...wordCountTemplate(), notes: [note] };
    broken.nodes[2]!.data.condition = "";
    const withoutNotes = { ...broken, notes: undefined };
    expect(validatePipeline(broken).problems).toEqual(validatePipeline(withoutNotes).problems);
    const kept = validatePipeline(broken);
    expect(!kept.ok && kept.document?.notes).toEqual([note]);
  });

  it("are refused when malformed, with a message naming the note's field", () => {
    const tooSmall = validatePipeline({ ...wordCountTemplate(), notes: [{ ...note, size: { width: 10, height: 120 } }] });
    expect(tooSmall.ok).toBe(false);
    expect(tooSmall.document).toBeNull();
    expect(tooSmall.problems).toEqual([expect.objectContaining({ code: "document.invalid", field: "notes.0.size.width", message: "notes.0.size.width: Note width is at least 80" })]);
    const badColour = validatePipeline({ ...wordCountTemplate(), notes: [{ ...note, color: "neon" }] });
    expect(badColour.problems[0]!.message).toContain("Note colour must be one of yellow, blue, green, pink, grey");
    expect(validatePipeline({ ...wordCountTemplate(), notes: "x" }).problems[0]!.field).toBe("notes");
  });
});
