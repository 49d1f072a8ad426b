<?xml version="1.0" encoding="utf-8"?>
<!-- Included by index.html.xslt: one entry, its content copied when it is xhtml. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom"
                xmlns:planet="http://planet.intertwingly.net/"
                xmlns:xhtml="http://www.w3.org/1999/xhtml"
                xmlns="http://www.w3.org/1999/xhtml"
                exclude-result-prefixes="atom planet xhtml">
  <xsl:template match="atom:entry">
    <div class="entry">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="xml:lang"><xsl:value-of select="@xml:lang"/></xsl:attribute>
      </xsl:if>
      <h4><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h4>
      <p class="date"><xsl:value-of select="substring(atom:updated, 1, 10)"/></p>
      <xsl:choose>
        <xsl:when test="atom:content/xhtml:div">
          <xsl:copy-of select="atom:content/xhtml:div/node()"/>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="atom:content | atom:summary"/></p>
        </xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>
</xsl:stylesheet>
