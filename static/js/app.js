// Sahifa's only hand-written script: small behaviours that htmx attributes cannot express.
// The CSRF token reaches every htmx request through the hx-headers attribute on <body>.
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target) {
    target.setAttribute("role", "alert");
    target.textContent = "Something went wrong (" + event.detail.xhr.status + "). Please try again.";
  }
});
