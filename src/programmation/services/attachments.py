"""Files attached to a dossier: checked, stored in the database, opened from a temp copy.

The bytes live in the database (table ``attachment``), so they travel with the
file when it is copied to another laptop and stay usable offline. A file is
checked before it is kept: size limit, type recognised from its content (never
from its name alone), executables refused, name stripped of any path trick.
"""

from __future__ import annotations

import hashlib
import io
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath

import filetype

from ..adapters.persistence.database import Database
from ..domain.checklist import piece_label
from ..domain.dossier import Application, Attachment
from .errors import ServiceError

MAX_SIZE = 20 * 1024 * 1024  # 20 Mo
MAX_NAME = 120
_IMAGES = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/tiff": "tif",
           "image/webp": "webp", "image/bmp": "bmp", "image/heic": "heic"}
_OFFICE_ZIP = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}
_OFFICE_OLE = {"doc": "application/msword", "xls": "application/vnd.ms-excel",
               "ppt": "application/vnd.ms-powerpoint"}
_TEXT = {"txt": "text/plain", "csv": "text/csv"}
_EXECUTABLE_TYPES = {"application/x-msdownload", "application/x-executable",
                     "application/x-mach-binary", "application/x-dosexec", "application/wasm",
                     "application/x-shockwave-flash", "application/x-google-chrome-extension"}
_DANGEROUS_EXTENSIONS = {
    "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "dll", "cpl", "jar", "js", "jse",
    "vbs", "vbe", "wsf", "wsh", "ps1", "psm1", "sh", "bash", "app", "apk", "lnk", "reg", "hta",
    "py", "pyw", "elf", "bin", "run", "docm", "xlsm", "pptm", "dotm", "xltm",
}
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_FORBIDDEN_CHARS = re.compile(r'[<>:"|?*\\/]')


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks, ready to be stored."""

    filename: str
    media_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    kind: str
    kind_label: str
    filename: str
    media_type: str
    size: int
    sha256: str
    added_at: datetime


def sanitize_filename(name: str) -> str:
    """A plain file name: no folder, no ``..``, no control or reserved characters, not too long."""
    base = re.split(r"[\\/]", unicodedata.normalize("NFC", name or ""))[-1]
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C")
    base = _FORBIDDEN_CHARS.sub("_", base.strip(" .")).replace("..", "_").strip(" .")
    if _RESERVED.match(base):
        base = f"_{base}"
    if not base:
        base = "piece-jointe"
    if len(base) > MAX_NAME:
        stem, dot, extension = base.rpartition(".")
        if dot and 0 < len(extension) <= 8:
            base = f"{stem[:MAX_NAME - len(extension) - 1]}.{extension}"
        else:
            base = base[:MAX_NAME]
    return base


def _extension(name: str) -> str:
    suffix = PurePath(name).suffix
    return suffix[1:].lower() if suffix else ""


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return all(c in "\t\r\n\f" or unicodedata.category(c) != "Cc" for c in text)
    return False


def _zip_office_type(content: bytes, extension: str) -> str | None:
    """An office document is a zip archive: accept it by its signature and its extension."""
    if extension not in _OFFICE_ZIP:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" in names or "mimetype" in names:
        return _OFFICE_ZIP[extension]
    return None


def detect_type(filename: str, content: bytes) -> tuple[str, str]:
    """(media type, extension) of an allowed file, or a ServiceError saying why not."""
    extension = _extension(filename)
    if extension in _DANGEROUS_EXTENSIONS:
        raise ServiceError(f"« {filename} » : les programmes et scripts ne peuvent pas être "
                           "joints à un dossier")
    guess = filetype.guess(content)
    mime = guess.mime if guess is not None else ""
    if mime in _EXECUTABLE_TYPES:
        raise ServiceError(f"« {filename} » est un programme (son contenu le montre), "
                           "pas un document : refusé")
    if mime == "application/pdf" or content[:1024].lstrip().startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    if mime in _IMAGES:
        return mime, _IMAGES[mime]
    office = _zip_office_type(content, extension)
    if office:
        return office, extension
    if content.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and extension in _OFFICE_OLE:
        return _OFFICE_OLE[extension], extension
    if guess is None and extension in _TEXT and _is_text(content):
        return _TEXT[extension], extension
    allowed = "PDF, image, document bureautique (docx, xlsx, odt, ods…), texte ou CSV"
    raise ServiceError(f"« {filename} » : type de fichier non accepté (attendu : {allowed})")


def check_file(filename: str, content: bytes) -> CheckedFile:
    """Check a file before it is attached; the stored name ends with its real type."""
    if not content:
        raise ServiceError(f"« {filename} » est vide")
    if len(content) > MAX_SIZE:
        raise ServiceError(f"« {filename} » pèse {len(content) / 1_048_576:.1f} Mo : "
                           f"la limite est de {MAX_SIZE // 1_048_576} Mo".replace(".", ","))
    name = sanitize_filename(filename)
    media_type, extension = detect_type(name, content)
    if _extension(name) != extension and not (extension == "jpg" and _extension(name) == "jpeg"):
        stem = PurePath(name).stem if _extension(name) else name
        name = sanitize_filename(f"{stem}.{extension}")
    return CheckedFile(name, media_type, content, hashlib.sha256(content).hexdigest())


def read_file(path: str | Path) -> CheckedFile:
    """Read and check a file from disk (its size is checked before reading it)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SIZE:
            raise ServiceError(f"« {path.name} » dépasse la limite de "
                               f"{MAX_SIZE // 1_048_576} Mo")
        content = path.read_bytes()
    except OSError as exc:
        raise ServiceError(f"impossible de lire « {path.name} » : {exc.strerror}") from None
    return check_file(path.name, content)


def new_attachment(kind: str, checked: CheckedFile, at: datetime) -> Attachment:
    return Attachment(kind, checked.filename, checked.media_type, checked.content,
                      checked.sha256, at)


def duplicate_of(checked: CheckedFile, attachments: list[Attachment]) -> Attachment | None:
    return next((a for a in attachments if a.sha256 == checked.sha256), None)


def info(attachment: Attachment) -> AttachmentInfo:
    return AttachmentInfo(attachment.id, attachment.kind, piece_label(attachment.kind),
                          attachment.filename, attachment.media_type, attachment.size,
                          attachment.sha256, attachment.added_at)


def _application(uow, application_id: int) -> Application:
    application = uow.session.get(Application, application_id)
    if application is None:
        raise ServiceError("dossier introuvable")
    return application


def add_attachment(database: Database, application_id: int, kind: str, checked: CheckedFile,
                   now: Callable[[], datetime] = datetime.now) -> AttachmentInfo:
    """Attach a checked file to a dossier; the same file twice is refused."""
    with database.unit_of_work() as uow:
        application = _application(uow, application_id)
        twin = duplicate_of(checked, application.attachments)
        if twin is not None:
            raise ServiceError(f"ce fichier est déjà joint au dossier (« {twin.filename} »)")
        attachment = new_attachment(kind, checked, now())
        application.attachments.append(attachment)
        uow.commit()
        return info(attachment)


def list_attachments(database: Database, application_id: int) -> list[AttachmentInfo]:
    with database.unit_of_work() as uow:
        return [info(a) for a in _application(uow, application_id).attachments]


def remove_attachment(database: Database, attachment_id: int) -> None:
    with database.unit_of_work() as uow:
        attachment = uow.session.get(Attachment, attachment_id)
        if attachment is None:
            raise ServiceError("pièce jointe introuvable")
        uow.session.delete(attachment)
        uow.commit()


def write_temp_copy(filename: str, content: bytes) -> Path:
    """A private temporary copy of a file, under its sanitised name, for the system viewer."""
    folder = Path(tempfile.mkdtemp(prefix="programmation-piece-"))
    path = folder / sanitize_filename(filename)
    path.write_bytes(content)
    path.chmod(0o400)
    return path


def export_to_temp(database: Database, attachment_id: int) -> Path:
    """Copy a stored attachment to a safe temporary path (to open it with the system viewer)."""
    with database.unit_of_work() as uow:
        attachment = uow.session.get(Attachment, attachment_id)
        if attachment is None:
            raise ServiceError("pièce jointe introuvable")
        return write_temp_copy(attachment.filename, attachment.content)
