"""Series names and letter statuses of the register (no database code: the quick commands and
``schema.py`` both take them from here)."""

# Series names in ``counters``: the ordinary series, circulars with their own series, orders
# (คำสั่ง, numbered ``๑๒/๒๕๖๗``), announcements (ประกาศ, numbered the same way, printed only
# when the office says so), and our receipt numbers of incoming letters.
ORDINARY = ""
CIRCULAR = "ว"
ORDER = "order"
ANNOUNCEMENT = "announce"
RECEIPT = "รับ"

# Letter statuses.
RESERVED = "reserved"
DRAFT = "draft"          # allocated inside a one-transaction allocate(), never committed
PENDING = "pending"      # taken by an issue, committed; the letter is being converted
ARCHIVING = "archiving"  # recorded; its files are being renamed into output/issued/
ISSUED = "issued"
CANCELLED = "cancelled"
SPOILT = "spoilt"        # an issue failed and the number could not be given back (see reason)
STATUSES = (RESERVED, DRAFT, PENDING, ARCHIVING, ISSUED, CANCELLED, SPOILT)
UNFINISHED = (PENDING, ARCHIVING)  # an issue in progress, or interrupted

#: How a delivery was sent (``deliveries.method``).
DELIVERY_METHODS = ("ecms", "email", "paper")

__all__ = ["ORDINARY", "CIRCULAR", "ORDER", "ANNOUNCEMENT", "RECEIPT", "RESERVED", "DRAFT",
           "PENDING", "ARCHIVING", "ISSUED", "CANCELLED", "SPOILT", "STATUSES", "UNFINISHED",
           "DELIVERY_METHODS"]
