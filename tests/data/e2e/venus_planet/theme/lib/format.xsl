<?xml version="1.0" encoding="utf-8"?>
<!-- Helpers imported by summary.html.xslt. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom"
                xmlns:planet="http://planet.intertwingly.net/"
                exclude-result-prefixes="atom planet">
  <!-- the day of an atom:updated, from its planet:format ("12 March 2024, 21:30") -->
  <xsl:template name="day">
    <xsl:param name="updated"/>
    <xsl:value-of select="substring-before($updated/@planet:format, ',')"/>
  </xsl:template>

  <xsl:template name="feed-name">
    <xsl:value-of select="planet:name"/>
  </xsl:template>
</xsl:stylesheet>
