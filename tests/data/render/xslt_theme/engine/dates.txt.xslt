<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:date="http://exslt.org/dates-and-times" extension-element-prefixes="date">
  <xsl:output method="text"/>
  <xsl:template match="/"><xsl:value-of select="date:month-abbreviation('2023-07-29T11:10:00Z')"/></xsl:template>
</xsl:stylesheet>
