// Study session keys: Space shows the answer, 1–4 rate the card (Again, Hard, Good, Easy).
// The rating buttons are ordinary submit buttons (htmx posts them), so the keys only click.
(() => {
  const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    const answer = document.querySelector("#study-card details.study-answer");
    if (!answer) return;
    if (event.key === " " && !answer.open) {
      event.preventDefault(); // not a page scroll
      answer.open = true;
      answer.querySelector(".study-rate-3")?.focus();
    } else if (/^[1-4]$/.test(event.key) && answer.open) {
      event.preventDefault();
      answer.querySelector(`button[data-rating="${event.key}"]`)?.click();
    }
  });

  // After htmx swaps in the next card, put focus on it so the keys keep working.
  document.addEventListener("htmx:afterSwap", (event) => {
    if (event.detail.target?.id === "study-card") {
      event.detail.target.querySelector(".study-reveal, h2, a")?.focus();
    }
  });
})();
