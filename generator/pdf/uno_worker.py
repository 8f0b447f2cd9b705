"""The LibreOffice end of :mod:`generator.pdf.office`: one ``soffice`` kept up, driven over UNO.

This file runs as a program of its own under the Python that has LibreOffice's ``uno`` module
(Debian's ``python3-uno`` installs it for ``/usr/bin/python3`` only, so a virtual environment
cannot import it). It uses the standard library and ``uno`` alone: nothing of the package.

    /usr/bin/python3 uno_worker.py SOFFICE PROFILE_URL PIPE_NAME

It starts ``SOFFICE --headless`` with its own user profile, accepting UNO connections on a named
pipe, and connects. Then it copies itself into that profile's Python scripts
(``user/Scripts/python``), so that LibreOffice's Python script provider (Debian's
``libreoffice-script-provider-python``) runs :class:`Worker` inside ``soffice`` itself: each
request is then one call over the pipe (:func:`handle`), where driving the document from this
process costs a round trip per UNO call, a few hundred of them per letter (the layout walk,
the marks' frames): measured on the five examples, 150 ms of CPU per letter over the bridge,
93 ms inside ``soffice``, the same PDF pixel for pixel. Where no script
provider takes the script, the same :class:`Worker` runs here over the bridge. It writes
``{"ready": true, "in_office": BOOL}`` (whether the requests run inside ``soffice``) on a line of
standard output, then answers one JSON request per line of standard input with one JSON line:

``{"op": "layout", "docx": PATH, "thai_pages": BOOL, "starts_pages": BOOL}``
    Load the DOCX (hidden); when ``thai_pages``, set every page style's numbering to native
    numbering: the DOCX's page-number fields number "as the page style", and native numbering
    draws the digits of the field's language, ``- ๒ -`` in Thai text, where the DOCX import
    would draw Arabic ones. (Setting the fields' own numbering type is ignored by 7.4.) Answer each page of LibreOffice's own layout:
    ``{"pages": [{"start": TEXT, "table": BOOL, "fresh": BOOL, "font": {...}}, ...]}``: the
    text that begins the page (to the end of its paragraph), whether it stands in a table, and
    whether the page begins a part of its own (a paragraph or table with a page style or a page
    break of its own, or a page left empty before such a part), so that the previous page is
    not continued. ``starts_pages`` false (the DOCX has no page break, no page-break-before and
    no section break: :func:`generator.docx.layout.starts_pages`) skips looking for such parts.
``{"op": "export", "pdf": PATH, "marks": [[PAGE, TEXT], ...]}``
    Put each mark at the foot of its page, right-aligned in the bottom margin under the body's
    right edge, in a frame anchored to the page that text runs through (nothing in the body
    moves), export PDF/A-2b and close the document: ``{"pages": N}``.

Any failure answers ``{"error": TEXT}``; when LibreOffice itself went away the worker also says
``"gone": true`` and exits, and the caller starts another.

The worker runs in a process group of its own with its LibreOffice; when the process that
started it is gone (a SIGKILL gives it no chance to ask), a thread of the worker ends the whole
group, so no LibreOffice is left running on a profile that will be swept away.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:  # main() says so; the caller falls back to soffice --convert-to
    uno = None

NATIVE_NUMBERING = 12          # com.sun.star.style.NumberingType.NATIVE_NUMBERING
PAGE_PRINT_AREA_BOTTOM = 10    # com.sun.star.text.RelOrientation: the bottom margin's area
PAGE_FRAME = 7                 # com.sun.star.text.RelOrientation: the whole page
HORI_RIGHT, HORI_NONE = 1, 0   # com.sun.star.text.HoriOrientation
VERT_TOP = 1                   # com.sun.star.text.VertOrientation
#: Character properties a mark takes from the text it announces (then set upright, regular).
FONT_PROPERTIES = ("CharFontName", "CharFontNameComplex", "CharFontNameAsian", "CharHeight",
                   "CharHeightComplex", "CharLocale", "CharLocaleComplex")
#: The name this file takes among the profile's Python scripts, and the request entry point's URL.
SCRIPT_NAME = "gen_letter_worker.py"
SCRIPT_URL = "vnd.sun.star.script:%s$handle?language=Python&location=user" % SCRIPT_NAME


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(program, profile, pipe):
    process = subprocess.Popen(
        [program, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
         "--nologo", "-env:UserInstallation=" + profile,
         "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    while True:  # the caller's time limit ends a LibreOffice that never answers
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            if process.poll() is not None:
                raise SystemExit("LibreOffice ended at start-up (exit status %s)" % process.returncode)
            time.sleep(0.05)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    return process, context, desktop


def in_office(context, profile):
    """The request entry point of this file run inside ``soffice`` (a UNO script whose
    ``invoke`` takes a request line and gives the answer line), or ``None`` where LibreOffice's
    Python script provider cannot run it (not installed)."""
    scripts = os.path.join(uno.fileUrlToSystemPath(profile), "user", "Scripts", "python")
    try:
        os.makedirs(scripts, exist_ok=True)
        shutil.copyfile(__file__, os.path.join(scripts, SCRIPT_NAME))
        factory = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.script.provider.MasterScriptProviderFactory", context)
        return factory.createScriptProvider("").getScript(SCRIPT_URL)
    except Exception:
        return None


class Worker:
    def __init__(self, desktop):
        self.desktop = desktop
        self.doc = None
        self.pages = []

    def answer(self, request):
        """The answer to one request (``quit`` is the caller's)."""
        if request["op"] == "layout":
            return self.layout(request["docx"], request.get("thai_pages", False),
                               request.get("starts_pages", True))
        if request["op"] == "export":
            return self.export(request["pdf"], request.get("marks", []))
        return {"error": "unknown request %r" % request["op"]}

    def layout(self, docx, thai_pages, starts_pages=True):
        self.close()
        self.doc = self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(docx), "_blank", 0, (prop("Hidden", True),))
        if self.doc is None:
            raise ValueError("LibreOffice could not open the DOCX")
        if thai_pages:  # the DOCX's page-number fields number "as the page style" does
            styles = self.doc.getStyleFamilies().getByName("PageStyles")
            for name in styles.getElementNames():
                style = styles.getByName(name)
                style.NumberingType = NATIVE_NUMBERING
            self.doc.getTextFields().refresh()
        view = self.doc.getCurrentController().getViewCursor()
        view.jumpToLastPage()
        count = view.getPage()
        # Walking every paragraph costs UNO calls in proportion to the document (over the
        # bridge, a fifth of a letter's conversion); the parent knows from the DOCX when no
        # page can begin a part.
        fresh = self.fresh_pages(view) if starts_pages else set()
        pages = []
        for page in range(1, count + 1):
            view.jumpToPage(page)
            view.jumpToStartOfPage()
            if view.getPage() != page:  # a page left empty before a part that starts on the
                pages.append({"start": "", "table": False, "fresh": True, "font": {}})  # right
                continue
            start = view.getStart()
            text = start.getText()
            cursor = text.createTextCursorByRange(start)
            cursor.gotoEndOfParagraph(True)
            words = cursor.getString()
            table = text.supportsService("com.sun.star.text.CellProperties") or \
                text.supportsService("com.sun.star.text.Cell")
            if not words.strip() and not table:
                words = self.first_words_after(view, cursor, page)
            font = {}
            for name in FONT_PROPERTIES:
                try:
                    value = cursor.getPropertyValue(name)
                except Exception:
                    continue
                if hasattr(value, "Language"):
                    value = [value.Language, value.Country]
                font[name] = value
            pages.append({"start": words, "table": bool(table), "fresh": page in fresh,
                          "font": font})
        self.pages = pages
        return {"pages": pages}

    def first_words_after(self, view, cursor, page, paragraphs=4):
        """The text of the first paragraph with words on ``page`` after the one ``cursor``
        holds (a page that begins with a picture: a QR code is followed by its caption), or
        ``""``; a few paragraphs are looked at, none on the next page."""
        probe = cursor.getText().createTextCursorByRange(cursor.getStart())
        for _ in range(paragraphs):
            if not probe.gotoNextParagraph(False):
                break
            view.gotoRange(probe.getStart(), False)
            if view.getPage() != page:
                break
            probe.gotoEndOfParagraph(True)
            words = probe.getString()
            if words.strip():
                return words
            probe.collapseToEnd()
        return ""

    def fresh_pages(self, view):
        """The pages that begin with a paragraph or table starting a page of its own."""
        fresh = set()
        items = self.doc.Text.createEnumeration()
        while items.hasMoreElements():
            item = items.nextElement()
            try:
                style, brk = item.PageDescName, item.BreakType.value
            except Exception:
                continue
            if not style and brk not in ("PAGE_BEFORE", "PAGE_BOTH"):
                continue
            if item.supportsService("com.sun.star.text.TextTable"):
                names = item.getCellNames()
                if not names:
                    continue
                where = item.getCellByName(names[0]).getText().getStart()
            else:
                where = item.getStart()
            view.gotoRange(where, False)
            fresh.add(view.getPage())
        return fresh

    def export(self, pdf, marks):
        doc = self.doc
        if doc is None:
            raise ValueError("no document is open")
        view = doc.getCurrentController().getViewCursor()
        styles = doc.getStyleFamilies().getByName("PageStyles")
        for page, words in marks:
            view.jumpToPage(page)
            style = styles.getByName(view.PageStyleName)
            font = self.pages[page]["font"] if page < len(self.pages) else {}
            self.mark(style, page, words, font)
        data = uno.Any("[]com.sun.star.beans.PropertyValue",
                       (prop("SelectPdfVersion", 2),))
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(pdf), (
            prop("FilterName", "writer_pdf_Export"), prop("FilterData", data))))
        view.jumpToLastPage()
        count = view.getPage()
        self.close()
        return {"pages": count}

    def mark(self, style, page, words, font):
        doc = self.doc
        frame = doc.createInstance("com.sun.star.text.TextFrame")
        frame.AnchorType = uno.Enum("com.sun.star.text.TextContentAnchorType", "AT_PAGE")
        width = style.Width - style.LeftMargin - style.RightMargin
        frame.Width = width
        frame.SizeType = 2              # com.sun.star.text.SizeType.MIN: grows with its line
        frame.Height = 100
        for side in ("Left", "Right", "Top", "Bottom"):
            setattr(frame, side + "Border", uno.createUnoStruct("com.sun.star.table.BorderLine2"))
            setattr(frame, side + "BorderDistance", 0)
            setattr(frame, side + "Margin", 0)
        frame.BackTransparent = True
        frame.TextWrap = uno.Enum("com.sun.star.text.WrapTextMode", "THROUGH")
        frame.AnchorPageNo = page
        doc.Text.insertTextContent(doc.Text.getStart(), frame, False)
        frame.HoriOrient = HORI_NONE
        frame.HoriOrientRelation = PAGE_FRAME
        frame.HoriOrientPosition = style.LeftMargin
        frame.VertOrient = VERT_TOP
        frame.VertOrientRelation = PAGE_PRINT_AREA_BOTTOM
        cursor = frame.getText().createTextCursor()
        for name, value in font.items():
            if name.startswith("CharLocale"):
                locale = uno.createUnoStruct("com.sun.star.lang.Locale")
                locale.Language, locale.Country = value
                value = locale
            try:
                cursor.setPropertyValue(name, value)
            except Exception:
                pass
        for name in ("CharWeight", "CharWeightComplex"):
            cursor.setPropertyValue(name, 100.0)   # com.sun.star.awt.FontWeight.NORMAL
        cursor.ParaAdjust = uno.Enum("com.sun.star.style.ParagraphAdjust", "RIGHT")
        for name in ("ParaTopMargin", "ParaBottomMargin", "ParaFirstLineIndent", "ParaLeftMargin",
                     "ParaRightMargin"):
            cursor.setPropertyValue(name, 0)
        frame.getText().insertString(cursor, words, False)

    def close(self):
        if self.doc is not None:
            try:
                self.doc.close(True)
            except Exception:
                pass
            self.doc = None


def reply(worker, line):
    """The answer line to one request line; on a failure the document is closed and the
    failure raised."""
    try:
        answer = worker.answer(json.loads(line))
    except Exception:
        worker.close()
        raise
    return json.dumps(answer, ensure_ascii=False)


def failure(error, **more):
    """The answer line saying a request failed."""
    return json.dumps(dict(error="%s: %s" % (type(error).__name__, error), **more),
                      ensure_ascii=False)


_WORKER = None  # the worker inside soffice, made at the first request


def handle(line):
    """One request line inside ``soffice`` (the script provider calls it): the answer line. A
    failure is answered, with the document closed; LibreOffice is there, as this runs in it."""
    global _WORKER
    if _WORKER is None:
        _WORKER = Worker(XSCRIPTCONTEXT.getDesktop())  # noqa: F821 (the script provider's)
    try:
        return reply(_WORKER, line)
    except Exception as error:
        return failure(error)


g_exportedScripts = (handle,)


def watch_parent():
    """End this worker and its LibreOffice (the worker's own process group) as soon as the
    process that started it is gone, however it ended (a SIGKILL included): a thread, so it
    acts while a request is under way too."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os.killpg(os.getpgrp(), signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()


def main():
    program, profile, pipe = sys.argv[1:4]
    watch_parent()
    out = sys.stdout
    if uno is None:
        out.write(json.dumps({"error": "no uno module in " + sys.executable}) + "\n")
        out.flush()
        return 3
    try:
        process, context, desktop = connect(program, profile, pipe)
    except SystemExit as error:
        out.write(json.dumps({"error": str(error), "gone": True}) + "\n")
        out.flush()
        return 2
    script = in_office(context, profile)
    worker = Worker(desktop)
    if script is not None:
        def run(line):
            return script.invoke((line,), (), ())[0]
    else:
        def run(line):
            return reply(worker, line)
    out.write(json.dumps({"ready": True, "in_office": script is not None}) + "\n")
    out.flush()
    for line in sys.stdin:
        if json.loads(line)["op"] == "quit":
            break
        try:
            answer = run(line)
        except Exception as error:  # a UNO failure: is LibreOffice still there?
            gone = process.poll() is not None or "Disposed" in type(error).__name__
            answer = failure(error, gone=gone)
            out.write(answer + "\n")
            out.flush()
            if gone:
                return 2
            continue
        out.write(answer + "\n")
        out.flush()
    worker.close()
    try:
        desktop.terminate()
    except Exception:
        pass
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
