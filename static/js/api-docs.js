// Starts Swagger UI on the API's OpenAPI document (templates/api/docs.html).
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({
    url: root.dataset.documentUrl,
    domNode: root,
    deepLinking: true,
    // Swagger UI would otherwise send the document to an online validator.
    validatorUrl: null,
    tryItOutEnabled: false,
  });
});
