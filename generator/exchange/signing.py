"""Signatures: PAdES baseline B on issued PDF/A files (pyHanko) and the XML-DSig
``GovernmentSignature`` of e-CMS messages (signxml).

Decisions:

- The office's key and certificate are a PKCS#12 file named in its profile
  (``signing.pkcs12``, relative to the profile's folder). Its password comes from the
  environment variable ``signing.password_env`` (default ``GEN_LETTER_PKCS12_PASSWORD``) or,
  when that is unset, from a prompt the caller supplies; the profile has no key for a
  password, so none is ever kept in the workspace.
- The PDF signature is an incremental update with an invisible signature field: every byte of
  the PDF/A-2b file LibreOffice wrote stays as it was, so its XMP identification and structure
  are kept (PDF/A-2 allows signature fields); subfilter ``ETSI.CAdES.detached``, SHA-256.
- The XML signature is a detached ds:Signature inside ``ram:GovernmentSignature`` over the
  ``CorrespondenceLetter`` element (by its ``Id``), RSA-SHA256 with exclusive C14N, the
  certificate included. A change anywhere in the letter — the PDF's base64 included — makes
  verification fail.
- Verification trusts the certificates in ``signing.trust`` (PEM, relative to the profile's
  folder), or those given by the caller.
- Both files are confined like every other path of a profile: they resolve, symlinks followed,
  inside the workspace or a folder the profile lists under ``trusted_folders``. Keys are meant
  to be kept apart from the letters (e.g. ``../keys``, readable by fewer people than the
  workspace), so that folder is named under ``trusted_folders``; a profile cannot make
  gen-letter read a key, or trust certificates, from anywhere else.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Callable

from ..errors import UserError
from ..files import write_atomically

PASSWORD_ENV = "GEN_LETTER_PKCS12_PASSWORD"
FIELD = "Signature1"


def _profile_path(office, key: str) -> Path:
    value = (office.signing or {}).get(key)
    if not value:
        raise UserError(f"the office profile names no {key} file", file=str(office.source),
                        field=f"signing.{key}")
    path = Path(value)
    if not path.is_absolute() and office.source is not None:
        path = Path(office.source).parent / path
    if office.source is not None:
        from ..paths import confined

        workspace = Path(office.source).resolve().parent.parent  # the folder holding registry/
        path = confined(path, [workspace, *(office.trusted_folders or ())],
                        file=str(office.source), field=f"signing.{key}")
    if not path.is_file():
        raise UserError(f"file not found: {path}", file=str(office.source),
                        field=f"signing.{key}")
    return path


@dataclass
class Signer:
    """An office's key and certificate, loaded once per command."""

    pkcs12: bytes
    password: bytes
    source: str

    def _keys(self):
        from cryptography.hazmat.primitives.serialization import pkcs12

        try:
            key, cert, extra = pkcs12.load_key_and_certificates(self.pkcs12, self.password)
        except ValueError:
            raise UserError("cannot open the PKCS#12 file (wrong password?)", file=self.source,
                            field="signing.pkcs12") from None
        if key is None or cert is None:
            raise UserError("the PKCS#12 file holds no key and certificate", file=self.source,
                            field="signing.pkcs12")
        return key, cert, extra or []

    def check(self) -> None:
        """:class:`UserError` now (before a number is taken) if the key cannot be opened."""
        self._keys()

    def sign_pdf(self, path: Path) -> None:
        """Sign the PDF at ``path`` in place (PAdES baseline B, incremental update)."""
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import fields, signers
        from pyhanko.sign.fields import SigSeedSubFilter

        self.check()
        signer = signers.SimpleSigner.load_pkcs12_data(self.pkcs12, passphrase=self.password,
                                                      other_certs=[])
        data = Path(path).read_bytes()
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
        meta = signers.PdfSignatureMetadata(field_name=FIELD, md_algorithm="sha256",
                                            subfilter=SigSeedSubFilter.PADES)
        out = BytesIO()
        signers.PdfSigner(meta, signer=signer,
                          new_field_spec=fields.SigFieldSpec(FIELD)).sign_pdf(writer, output=out)
        write_atomically(Path(path), out.getvalue())

    def sign_message(self, envelope) -> None:
        """Put a detached XML signature over the letter into ``GovernmentSignature``."""
        from cryptography.hazmat.primitives import serialization
        from signxml import XMLSigner, methods

        from .message import LETTER_ID, RAM, RSM, SOAP

        key, cert, extra = self._keys()
        pem_key = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
        chain = [c.public_bytes(serialization.Encoding.PEM).decode() for c in [cert, *extra]]
        signer = XMLSigner(method=methods.detached, signature_algorithm="rsa-sha256",
                           digest_algorithm="sha256",
                           c14n_algorithm="http://www.w3.org/2001/10/xml-exc-c14n#")
        signature = signer.sign(envelope, key=pem_key, cert=chain,
                                reference_uri=f"#{LETTER_ID}")
        slot = envelope.find(f"{{{SOAP}}}Body/{{{RSM}}}GovernmentDocument/{{{RAM}}}GovernmentSignature")
        for child in list(slot):
            slot.remove(child)
        slot.append(signature)


def load_signer(office, prompt: Callable[[str], str] | None = None) -> Signer:
    """The office's signer: its PKCS#12 file and the password from the environment or
    ``prompt``."""
    path = _profile_path(office, "pkcs12")
    variable = (office.signing or {}).get("password_env") or PASSWORD_ENV
    password = os.environ.get(variable)
    if password is None:
        if prompt is None:
            raise UserError(f"no password for the PKCS#12 file: set {variable}",
                            field=f"signing.password_env")
        password = prompt(f"password of {path.name}")
    signer = Signer(path.read_bytes(), password.encode("utf-8"), str(path))
    signer.check()
    return signer


def trust_file(office) -> Path:
    """The PEM file of the certificates the office trusts for verification
    (``signing.trust``)."""
    return _profile_path(office, "trust")


def verify_pdf(path: Path, trust: Path) -> list[str]:
    """The signers of the PDF at ``path``; :class:`UserError` when it has no signature, or
    one that does not cover the file intact or does not chain to a trusted certificate."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
             for c in x509.load_pem_x509_certificates(Path(trust).read_bytes())]
    name = str(path)
    try:
        signatures = PdfFileReader(BytesIO(Path(path).read_bytes()),
                                   strict=False).embedded_signatures
    except Exception as error:  # pyHanko raises several types for a broken file
        raise UserError(f"not a readable PDF: {error}", file=name) from None
    if not signatures:
        raise UserError("the PDF carries no signature", file=name, field="signature")
    found = []
    for signature in signatures:
        try:
            status = validate_pdf_signature(signature, ValidationContext(trust_roots=roots))
        except Exception as error:  # a mangled signature dictionary or CMS blob
            raise UserError(f"signature {signature.field_name} cannot be checked: {error}",
                            file=name, field="signature") from None
        if not (status.intact and status.valid):
            raise UserError(f"signature {signature.field_name} does not match the file",
                            file=name, field="signature")
        if not status.trusted:
            raise UserError(f"signature {signature.field_name} is not by a trusted "
                            f"certificate", file=name, field="signature")
        if status.coverage.name != "ENTIRE_FILE":
            raise UserError(f"the file was changed after signature {signature.field_name}",
                            file=name, field="signature")
        found.append(status.signing_cert.subject.human_friendly)
    return found


def verify_message(envelope, name: str, trust: Path) -> str:
    """The signer of a message's ``GovernmentSignature``; :class:`UserError` when it is
    missing, does not match the letter, or is not by a trusted certificate."""
    from signxml import XMLVerifier
    from signxml.exceptions import InvalidInput, InvalidSignature

    from .message import DS, RAM, RSM, SOAP

    slot = envelope.find(f"{{{SOAP}}}Body/{{{RSM}}}GovernmentDocument/{{{RAM}}}GovernmentSignature")
    if slot is None or slot.find(f"{{{DS}}}Signature") is None:
        raise UserError("the message carries no signature", file=name,
                        field="GovernmentSignature")
    try:
        result = XMLVerifier().verify(envelope, ca_pem_file=str(trust))
    except (InvalidSignature, InvalidInput) as error:
        raise UserError(f"the signature does not verify: {error}", file=name,
                        field="GovernmentSignature") from None
    signed = result.signed_xml
    ids = envelope.xpath("//*[@Id]/@Id | //*[@ID]/@ID | //*[@id]/@id")
    if signed is None or signed.tag != f"{{{RAM}}}CorrespondenceLetter" or len(ids) != len(set(ids)):
        raise UserError("the signature does not cover the letter", file=name,
                        field="GovernmentSignature")
    from cryptography import x509

    pem = slot.findtext(f".//{{{DS}}}X509Certificate")
    cert = x509.load_der_x509_certificate(base64.b64decode(pem))
    return cert.subject.rfc4514_string()


def verify(path: Path, trust: Path) -> list[str]:
    """The signers of a signed PDF or e-CMS message (told apart by their first bytes). An
    issued PDF is also checked against the SHA-256 in the metadata beside it: bytes of the
    signature container that the signature does not cover (its copy of the CA certificate, the
    padding) must not change either."""
    from .message import parse

    path = Path(path)
    try:
        head = path.read_bytes()[:5]
    except OSError as error:
        raise UserError(f"cannot read: {error.strerror}", file=str(path)) from None
    if head.startswith(b"%PDF"):
        _check_issued_checksum(path)
        return verify_pdf(path, trust)
    return [verify_message(parse(path.read_bytes(), str(path)), str(path), trust)]


def _check_issued_checksum(path: Path) -> None:
    import hashlib
    import json

    metadata = path.with_suffix(".json")
    if not metadata.is_file():
        return
    try:
        expected = (json.loads(metadata.read_text(encoding="utf-8")).get("sha256") or {}).get("pdf")
    except (ValueError, AttributeError):
        return
    if expected and hashlib.sha256(path.read_bytes()).hexdigest() != expected:
        raise UserError(f"the file does not match the SHA-256 recorded at issue in "
                        f"{metadata.name}", file=str(path), field="sha256.pdf")
