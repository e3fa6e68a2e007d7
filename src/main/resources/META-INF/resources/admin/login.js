// Says why the sign-in page was shown again: the server redirects here with the reason in the query.
const params = new URLSearchParams(window.location.search);
const message = document.getElementById('sign-in-message');

function minutes(seconds) {
  const count = Math.max(1, Math.ceil(seconds / 60));
  return count === 1 ? '1 minute' : `${count} minutes`;
}

function reason() {
  if (params.has('locked')) {
    const seconds = Number.parseInt(params.get('locked'), 10);
    return 'Sign-in is locked after repeated failed attempts. '
      + `Please try again in ${Number.isFinite(seconds) ? minutes(seconds) : 'a few minutes'}.`;
  }
  if (params.has('failed')) {
    return 'The email or password is not right, or the account is disabled. Please try again.';
  }
  if (params.has('refused')) {
    return 'The sign-in did not come from this page, so it was refused. Please sign in here.';
  }
  if (params.has('unavailable')) {
    return 'Signing in is not possible right now: the service could not check your account. Please retry in a minute.';
  }
  if (params.has('expired')) {
    return 'Your session has ended. Please sign in again.';
  }
  if (params.has('signed-out')) {
    return 'You have signed out.';
  }
  return null;
}

const text = reason();
if (text) {
  message.textContent = text;
  message.hidden = false;
  const calm = params.has('signed-out');
  message.classList.toggle('error', !calm);
  message.setAttribute('role', calm ? 'status' : 'alert');
}
