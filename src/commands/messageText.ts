/**
 * Text for a notification or dialog. VS Code turns "[text](command:…)" there into a link that
 * runs the command when clicked, so a user's name or a server's message could plant one. The
 * text keeps every character it had; a zero-width space after each "]" that opens a target
 * keeps it from being read as a link.
 */
export function plainMessage(text: string): string {
  return text.replace(/\]\(/g, ']\u200b(');
}
