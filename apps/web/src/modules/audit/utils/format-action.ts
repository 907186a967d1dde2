/** "member.role_changed" -> "Member role changed": audit actions read as sentences in the UI. */
export function formatAction(action: string): string {
  const words = action.replace(/[._:-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : action;
}
