<?xml version="1.0" encoding="UTF-8"?>
<!-- orrery's delDupName/p_from.xslt (Venus's filter of the same name, written anew).
     In a comment feed's <div class="comment">, removes a first paragraph of class "from" (the
     commenter's name, which the page shows already). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:h="http://www.w3.org/1999/xhtml">

  <xsl:template match="node()|@*">
    <xsl:copy>
      <xsl:apply-templates select="node()|@*"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="atom:content/h:div/h:div[@class = 'comment']/h:p[1][@class = 'from']"/>

</xsl:stylesheet>
