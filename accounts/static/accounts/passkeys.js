// Once django-otp-webauthn's script has registered a passkey, load the page again: the setup
// page then gives the recovery codes (a first passkey) or lists the new passkey.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.reload();
});
