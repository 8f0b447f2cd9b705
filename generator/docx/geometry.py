"""The letter page's measures the renderer needs at run time, in twips (1/20 pt).

The stock templates are built to these (A4, margins 3 cm left and 2 cm right, so a 16 cm text
block); the attachment tables are sized to the text block, and the attachment titles are
measured against the tab their quantity stands at. :data:`BODY_LIST_NUM_ID` is the ``w:num`` the
body's numbered items use in a letter template, the one :mod:`generator.docx.template` restarts
for each list.

>>> TEXT_WIDTH / CM
16.0
"""

#: Twips per centimetre (rounded as Word does).
CM = 567
#: The text block: 21 cm - 3 cm - 2 cm = 16 cm.
TEXT_WIDTH = 9072
#: The page's centre line, measured from the left margin: 10.5 cm - 3 cm.
PAGE_CENTRE = 4253
#: Where an attachment's title starts after ``สิ่งที่ส่งมาด้วย``, and the width of its number.
ATTACHMENT_TAB = int(3.0 * CM)
NUMBER_WIDTH = int(0.6 * CM)
#: The ``w:num`` of the body's numbered items in a letter template.
BODY_LIST_NUM_ID = 1
