"""Sealing the private part of the handover archive (vetting records) with a passphrase.

AES-256-GCM under a key derived from the passphrase by scrypt, with a fresh salt and nonce for
every archive. The archive's own id is authenticated with the ciphertext, so a sealed member
cannot be moved into another archive unnoticed. A wrong passphrase, or a changed byte, fails
the authentication: nothing is read, and the import refuses before it writes anything.
"""

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

CIPHER = "AES-256-GCM"
KDF = "scrypt"
# scrypt's cost: 2**15 needs 32 MiB and a fraction of a second, as its authors advise for
# interactive use; an archive asking for more than 2**20 is refused rather than obeyed.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MAX_SCRYPT_N = 2**20
MIN_PASSPHRASE = 12


class SealError(Exception):
    """The sealed member cannot be opened: wrong passphrase, damage, or unknown parameters."""


def read_passphrase(path):
    """The passphrase in a file (its trailing line break removed): never on the command line,
    where other users of the machine could read it."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise SealError(f"The passphrase file {path} cannot be read: {error}") from error
    passphrase = text.rstrip("\r\n")
    if not passphrase:
        raise SealError(f"The passphrase file {path} is empty.")
    return passphrase


def key_for(passphrase, salt, n, r, p):
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def seal(plaintext, passphrase, associated):
    """(ciphertext, parameters to store in the manifest)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise SealError(
            f"The passphrase is too short: use at least {MIN_PASSPHRASE} characters (a few "
            "unrelated words) for criminal records data."
        )
    salt, nonce = os.urandom(16), os.urandom(12)
    key = key_for(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    ciphertext = AESGCM(key).encrypt(nonce, plaintext, associated)
    return ciphertext, {
        "cipher": CIPHER,
        "kdf": KDF,
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }


def unseal(ciphertext, passphrase, parameters, associated):
    try:
        if parameters.get("cipher") != CIPHER or parameters.get("kdf") != KDF:
            raise SealError("The vetting records are sealed in a way this site does not know.")
        n, r, p = int(parameters["n"]), int(parameters["r"]), int(parameters["p"])
        if not (2 <= n <= MAX_SCRYPT_N and 1 <= r <= 32 and 1 <= p <= 16):
            raise SealError("The vetting records' key parameters are out of range.")
        salt = base64.b64decode(parameters["salt"], validate=True)
        nonce = base64.b64decode(parameters["nonce"], validate=True)
        key = key_for(passphrase, salt, n, r, p)
        return AESGCM(key).decrypt(nonce, ciphertext, associated)
    except InvalidTag as error:
        raise SealError(
            "The passphrase does not open the vetting records (or they were changed after "
            "sealing). Nothing was imported."
        ) from error
    except (KeyError, TypeError, ValueError) as error:
        raise SealError(f"The vetting records' seal is damaged: {error}") from error
