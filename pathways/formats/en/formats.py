"""English date formats for Pathways: months spelled out ("March 5, 2024"), as the
pages always showed them. Spanish uses Django's own formats ("5 de marzo de 2024").
Templates use date:"DATE_FORMAT" / date:"YEAR_MONTH_FORMAT" so each language gets its own."""

DATE_FORMAT = "F j, Y"
YEAR_MONTH_FORMAT = "F Y"
