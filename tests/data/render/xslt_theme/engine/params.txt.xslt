<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:param name="plain"/>
  <xsl:param name="quotes"/>
  <xsl:template match="/">[<xsl:value-of select="$plain"/>|<xsl:value-of select="$quotes"/>]</xsl:template>
</xsl:stylesheet>
