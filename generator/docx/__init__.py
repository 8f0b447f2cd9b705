"""Raw WordprocessingML helpers that python-docx and docxtpl do not offer (content controls,
custom document properties, package parts). Everything else uses python-docx."""
