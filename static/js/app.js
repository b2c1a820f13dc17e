// Sahifa's only hand-written script: small behaviours that htmx attributes cannot express.
// The CSRF token reaches every htmx request through the hx-headers attribute on <body>.
// The Content-Security-Policy allows no inline styles: app.css styles .htmx-indicator, so
// htmx must not inject its own <style> (it does so at DOMContentLoaded, after this script).
if (window.htmx) {
  htmx.config.includeIndicatorStyles = false;
}
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) {
    target.setAttribute("role", "alert");
    target.textContent = "Something went wrong (" + event.detail.xhr.status + "). Please try again.";
  }
});

// Forms answer 422 with the form and its messages: show them instead of the generic error.
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Reading view: the vowels toggle (hidden without JavaScript, where it could do nothing), the
// word panel (a word's button loads it; Close or Esc closes it; 1–4 set the word's status)
// and, on phones, keeping the chosen word above the bottom sheet.
const typing = (el) => el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("toggle-diac");
  const text = document.getElementById("article-text");
  if (!toggle || !text) return;
  toggle.hidden = false;
  const state = toggle.querySelector(".toggle-state");
  toggle.addEventListener("click", () => {
    const on = text.classList.toggle("show-diac");
    // aria-pressed tells assistive technology; the visible ": on"/": off" tells everyone
    // else (hidden from screen readers, so the button's name stays "Show vowels").
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    if (state) state.textContent = on ? ": on" : ": off";
  });
  const panelBox = document.getElementById("word-panel-box");
  const side = panelBox && panelBox.parentElement;
  const close = document.getElementById("word-panel-close");
  const phone = window.matchMedia("(max-width: 52rem)");
  let currentId = null;  // the word whose details the panel shows (its button may be swapped)

  const currentWord = () => (currentId ? document.getElementById(currentId) : null);
  const markCurrent = () => {
    text.querySelectorAll("button.word.word-current").forEach((w) => w.classList.remove("word-current"));
    currentWord()?.classList.add("word-current");
  };

  // One request for every word: the article text's data-word-url plus the word's position,
  // with the text's hx-target and hx-indicator (the buttons carry neither, to keep the page small).
  text.addEventListener("click", (event) => {
    const word = event.target.closest("button.word");
    if (!word || !window.htmx) return;
    currentId = word.id;
    markCurrent();
    htmx.ajax("GET", text.dataset.wordUrl + word.id.slice(2), { source: word, target: "#word-panel" });
  });

  // A phone's bottom sheet covers the lower half of the screen: scroll the text so that the
  // chosen word stays visible above it (the open sheet leaves room below the article for that).
  const keepWordVisible = () => {
    const word = currentWord();
    if (!word || !phone.matches) return;
    const sheetTop = panelBox.getBoundingClientRect().top;
    const rect = word.getBoundingClientRect();
    if (rect.top >= 8 && rect.bottom <= sheetTop - 8) return;
    window.scrollBy({ top: rect.top - Math.max(8, (sheetTop - rect.height) / 3), behavior: "instant" });
  };

  const openPanel = () => {
    panelBox.classList.add("word-panel-open");
    panelBox.classList.remove("word-panel-closed");
    document.body.classList.add("word-panel-showing");
    if (!phone.matches && side) side.scrollTop = 0;  // the panel heads the side column
    requestAnimationFrame(keepWordVisible);
  };
  const closePanel = () => {
    panelBox.classList.remove("word-panel-open");
    panelBox.classList.add("word-panel-closed");
    document.body.classList.remove("word-panel-showing");
    currentWord()?.focus();  // back to where the reader was
  };

  // htmx wires up swapped-in content when it settles (~20 ms later): a key pressed before
  // that waits for it, or the status form would be posted as a plain page.
  let pendingKey = null;
  const setStatus = (key) => {
    const button = panelBox.querySelectorAll("#word-status .status-button")[Number(key) - 1];
    if (button) button.click();
  };

  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (panelBox && event.detail.target.id === "word-panel") openPanel();
  });
  document.body.addEventListener("htmx:afterSettle", () => {
    markCurrent();  // a status change swaps the word's buttons in anew
    if (pendingKey && !panelBox.querySelector(".htmx-added")) {
      const key = pendingKey;
      pendingKey = null;
      setStatus(key);
    }
  });
  if (close && panelBox) close.addEventListener("click", closePanel);

  document.addEventListener("keydown", (event) => {
    if (!panelBox || !panelBox.classList.contains("word-panel-open")) return;
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (event.key === "Escape") {
      event.preventDefault();
      closePanel();
    } else if (/^[1-4]$/.test(event.key)) {
      event.preventDefault();
      if (panelBox.querySelector(".htmx-added")) pendingKey = event.key;
      else setStatus(event.key);
    }
  });
});

// Long plain-form submissions (importing analyses the whole article): say that work is under
// way and prevent a second submission while the first is running.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.busyLabel) return;
  const button = form.querySelector('button[type="submit"]');
  if (!button) return;
  if (form.getAttribute("aria-busy") === "true") {
    event.preventDefault();
    return;
  }
  form.setAttribute("aria-busy", "true");
  button.textContent = form.dataset.busyLabel;
  button.setAttribute("aria-disabled", "true");
});

// Review page: "Tick all shown" ticks (or, when all are ticked, unticks) every question's
// checkbox that belongs to the bulk form. Hidden without JavaScript, where it could do nothing.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-select-all]").forEach((button) => {
    const formId = button.dataset.selectAll;
    const boxes = () => document.querySelectorAll(`input[type=checkbox][form="${formId}"]`);
    button.hidden = false;
    button.addEventListener("click", () => {
      const all = [...boxes()];
      const tick = !all.every((box) => box.checked);
      all.forEach((box) => { box.checked = tick; });
    });
  });
});
