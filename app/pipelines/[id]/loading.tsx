import { EditorSkeleton } from "@/components/editor/EditorSkeleton";

/** Shown while navigating into the editor, before its page renders. */
export default function EditorLoading() {
  return <EditorSkeleton />;
}
