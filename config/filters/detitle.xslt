<?xml version="1.0" encoding="UTF-8"?>
<!-- orrery's detitle.xslt (Venus's filter of the same name, written anew).
     A title of 30 characters or more that only repeats the start of the entry's content or
     summary (compared without the title's last three characters, which feeds often replace
     with an ellipsis) is emptied: the page then shows the text once. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom">

  <xsl:template match="atom:title">
    <xsl:variable name="n" select="string-length(.) - 3"/>
    <xsl:variable name="head" select="substring(., 1, $n)"/>
    <xsl:copy>
      <xsl:if test="string-length(.) &lt; 30 or
                    ($head != substring(../atom:content, 1, $n) and
                     $head != substring(../atom:summary, 1, $n))">
        <xsl:apply-templates select="node()|@*"/>
      </xsl:if>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="node()|@*">
    <xsl:copy>
      <xsl:apply-templates select="node()|@*"/>
    </xsl:copy>
  </xsl:template>

</xsl:stylesheet>
