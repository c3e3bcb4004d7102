// demo/script-tag.html: says so when the bundle has not been built, instead of an empty page.
// (A partner's page needs none of this; the element works from the one script tag.)
const hint = document.querySelector<HTMLElement>('#not-built')!;

void fetch('/dist/cdn/finhub-onboarding.js', { method: 'HEAD' })
  .catch(() => null)
  .then((probe) => {
    if (!probe?.ok) hint.hidden = false;
  });
