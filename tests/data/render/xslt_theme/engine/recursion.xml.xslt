<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><xsl:call-template name="down"/></xsl:template>
  <xsl:template name="down"><xsl:call-template name="down"/></xsl:template>
</xsl:stylesheet>
