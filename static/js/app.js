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

// Reading view: the vowels toggle (hidden without JavaScript, where it could do nothing) and
// marking the word whose details the panel shows.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.getElementById("toggle-diac");
  const text = document.getElementById("article-text");
  if (!toggle || !text) return;
  toggle.hidden = false;
  toggle.addEventListener("click", () => {
    const on = text.classList.toggle("show-diac");
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
  });
  const panelBox = document.querySelector(".word-panel-box");
  const close = document.getElementById("word-panel-close");
  let lastWord = null;
  text.addEventListener("click", (event) => {
    const word = event.target.closest("button.word");
    if (!word) return;
    text.querySelectorAll("button.word.word-current").forEach((w) => w.classList.remove("word-current"));
    word.classList.add("word-current");
    lastWord = word;
  });
  // The panel opens (over the text, on phones) once a word's details have arrived.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (panelBox && event.detail.target.id === "word-panel") panelBox.classList.add("word-panel-open");
  });
  if (close && panelBox) {
    close.addEventListener("click", () => {
      panelBox.classList.remove("word-panel-open");
      if (lastWord) lastWord.focus();  // back to where the reader was
    });
  }
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
