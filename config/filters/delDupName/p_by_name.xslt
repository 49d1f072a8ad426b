<?xml version="1.0" encoding="UTF-8"?>
<!-- orrery's delDupName/p_by_name.xslt (Venus's filter of the same name, written anew).
     Removes the content's first paragraph when all it says is "By " and the entry's author
     name: the page shows the author already. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    xmlns:h="http://www.w3.org/1999/xhtml">

  <xsl:template match="node()|@*">
    <xsl:copy>
      <xsl:apply-templates select="node()|@*"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="atom:content/h:div/h:p[1]
      [string(.) = concat('By ', ancestor::atom:entry/atom:author/atom:name)]"/>

</xsl:stylesheet>
