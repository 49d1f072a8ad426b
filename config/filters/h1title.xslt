<?xml version="1.0" encoding="UTF-8"?>
<!-- orrery's h1title.xslt (Venus's filter of the same name, written anew).
     When the entry holds exactly one XHTML h1, its text (whitespace normalised) becomes the
     entry's title. Every XHTML h1 is then removed from the entry. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:h="http://www.w3.org/1999/xhtml">

  <xsl:template match="atom:entry/atom:title[count(//h:h1) = 1]">
    <xsl:copy>
      <xsl:attribute name="type">text</xsl:attribute>
      <xsl:value-of select="normalize-space(//h:h1)"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="h:h1"/>

  <xsl:template match="node()|@*">
    <xsl:copy>
      <xsl:apply-templates select="node()|@*"/>
    </xsl:copy>
  </xsl:template>

</xsl:stylesheet>
