"""The stock templates' page, font and tab stops, in twips (1/20 pt), as plain constants.

The stock templates are built with these values (``python -m tools.templates``), and the
renderer measures with the same ones: how wide an attachment's table may be
(:mod:`generator.render.attachments`), which ``w:num`` the template engine restarts for each
list (:data:`BODY_LIST_NUM_ID`, :mod:`generator.docx.template`). thai-correspondence.md §2, §3: A4, margins left 3,
right 2, top 2.5 cm (1.5 cm on page 1, the Garuda), bottom 2 cm; TH Sarabun New 16 pt.
"""

#: The letters' one font, for Latin and complex script alike (§9).
FONT = "TH Sarabun New"
#: Twips per centimetre (rounded as Word does).
CM = 567
#: The text's width: 21 cm - 3 cm - 2 cm = 16 cm.
TEXT_WIDTH = 9072
#: The page's centre line, measured from the left margin: 10.5 cm - 3 cm (the date, the close).
PAGE_CENTRE = 4253
#: The ``w:num`` the body's numbered items use; the renderer restarts lists from it.
BODY_LIST_NUM_ID = 1
#: The stop after ``เรื่อง``.
SUBJECT_TAB = int(1.25 * CM)
#: The stop after ``อ้างถึง``.
REFERENCE_TAB = int(1.5 * CM)
#: The stop after ``สิ่งที่ส่งมาด้วย``.
ATTACHMENT_TAB = int(3.0 * CM)
#: The width of an item's number in a list of references or attachments (``๑.``).
NUMBER_WIDTH = int(0.6 * CM)
#: The signature lines are centred under the close, which starts at the page centre.
SIGN_INDENT = int(2.5 * CM)
#: The page's top margin: the Garuda's top stands 1.5 cm from the top edge (§2.2).
TOP_MARGIN = int(1.5 * CM)
#: Where the page number stands from page 2: 1.25 cm from the top edge.
HEADER_DISTANCE = 709
#: Space after the page number: 1.25 cm + one 16 pt line (426 twips) + the 2 pt spacer + this
#: = 2.5 cm, the text's top margin from page 2 (§3).
PAGE_NUMBER_AFTER = int(2.5 * CM) - HEADER_DISTANCE - 426 - 40
