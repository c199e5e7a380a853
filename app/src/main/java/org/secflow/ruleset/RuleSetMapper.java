package org.secflow.ruleset;

import java.util.List;
import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;

@Mapper
interface RuleSetMapper {

    /** The newest version, the active one; null while there is none. Cheap: every node polls it. */
    Integer latestVersion();

    RuleSetVersion find(@Param("version") int version);

    /** Every version, newest first, without its content. */
    List<RuleSetVersion> list();

    void insert(RuleSetVersion version);
}
