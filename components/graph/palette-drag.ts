/** The drag-and-drop payload type carrying a node type name from the palette to the canvas. */
export const paletteDragMimeType = "application/x-streamline-node-type";

/** The palette entry that drops a sticky note rather than an operator. */
export const notePaletteType = "note";
