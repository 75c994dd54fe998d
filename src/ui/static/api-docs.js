// The interactive OpenAPI viewer (swagger-ui-dist, served by changedesk). "Authorize" takes a bearer token;
// the JSON API accepts nothing else.
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({ url: '/ui/openapi.json', dom_id: '#swagger', validatorUrl: null, deepLinking: true, persistAuthorization: false });
});
