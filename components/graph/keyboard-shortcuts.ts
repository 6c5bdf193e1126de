/** One line of the keyboard help: the keys (with `Mod` for Ctrl or ⌘) and what they do. */
export type Shortcut = { keys: string[]; does: string };

/** Every shortcut of the editor, as the `?` overlay lists them. Keep in step with the handlers. */
export const editorShortcuts: { group: string; shortcuts: Shortcut[] }[] = [
  {
    group: "Canvas",
    shortcuts: [
      { keys: ["Mod", "C"], does: "Copy the selected nodes (as pipeline JSON)" },
      { keys: ["Mod", "X"], does: "Cut the selected nodes" },
      { keys: ["Mod", "V"], does: "Paste at the pointer (nodes or a pipeline document)" },
      { keys: ["Mod", "D"], does: "Duplicate the selection" },
      { keys: ["D"], does: "Disable or enable the selected nodes (a disabled node passes records through unchanged; a disabled sink writes nothing)" },
      { keys: ["Mod", "A"], does: "Select everything" },
      { keys: ["Delete"], does: "Delete the selection (also Backspace)" },
      { keys: ["Shift", "drag"], does: "Select an area" },
      { keys: ["Enter"], does: "Select the focused node (Tab moves between nodes)" },
      { keys: ["Right-click"], does: "Menu of a node, a connection or the canvas" },
    ],
  },
  {
    group: "Editor",
    shortcuts: [
      { keys: ["Mod", "S"], does: "Save a new version" },
      { keys: ["Mod", "Z"], does: "Undo" },
      { keys: ["Mod", "Shift", "Z"], does: "Redo (also Mod+Y)" },
      { keys: ["/"], does: "Search the operators" },
      { keys: ["?"], does: "Show this list" },
      { keys: ["Esc"], does: "Close this list, a menu or the node picker" },
    ],
  },
];
