// Records every Content-Security-Policy violation on the strict-CSP demo page (a classic script,
// loaded first, so nothing the page does later escapes it). Tests read window.cspViolations.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  });
  const output = document.getElementById('csp-violations');
  if (output) output.textContent = String(window.cspViolations.length);
});
