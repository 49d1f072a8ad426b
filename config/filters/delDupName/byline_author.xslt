<?xml version="1.0" encoding="UTF-8"?>
<!-- orrery's delDupName/byline_author.xslt (Venus's filter of the same name, written anew).
     Blogger-style content starts with <span class="byline-author">Posted by NAME</span> and two
     line breaks. That NAME becomes the entry's author name, and the span and both breaks go. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:h="http://www.w3.org/1999/xhtml">

  <xsl:variable name="prefix" select="'Posted by '"/>

  <xsl:template match="node()|@*">
    <xsl:copy>
      <xsl:apply-templates select="node()|@*"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="atom:entry/atom:author[../atom:content/h:div/h:span
      [@class = 'byline-author' and starts-with(., 'Posted by ')]]">
    <xsl:variable name="byline"
        select="../atom:content/h:div/h:span[@class = 'byline-author'][1]"/>
    <xsl:copy>
      <xsl:element name="name" namespace="http://www.w3.org/2005/Atom">
        <xsl:value-of select="substring-after($byline, $prefix)"/>
      </xsl:element>
      <xsl:apply-templates select="*[not(self::atom:name)]"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="h:div/h:span[@class = 'byline-author' and starts-with(., 'Posted by ')]"/>

  <xsl:template match="h:br[preceding-sibling::*[position() &lt;= 2]
      [@class = 'byline-author' and starts-with(., 'Posted by ')]]"/>

</xsl:stylesheet>
