// Links to outputs, from the url each API row carries.

/** An <a> to the output's page reading `text`. */
export function outputLink(output, text) {
  const link = document.createElement("a");
  link.href = output.url;
  link.textContent = text;
  return link;
}

/** A muted list item holding a dash: the list has nothing to show. */
export function emptyItem() {
  const none = document.createElement("li");
  none.className = "text-muted";
  none.textContent = "—";
  return none;
}
