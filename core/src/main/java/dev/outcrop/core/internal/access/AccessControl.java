package dev.outcrop.core.internal.access;


import dev.outcrop.catalog.spi.CatalogStore;
import dev.outcrop.catalog.spi.GrantRecord;
import dev.outcrop.catalog.spi.LocationRecord;
import dev.outcrop.catalog.spi.RoleMembership;
import dev.outcrop.core.security.BuiltInRoles;
import dev.outcrop.core.statement.GrantObjectType;
import dev.outcrop.core.statement.Privilege;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may do what with locations. The owner of a location may do everything with it; other
 * principals need USAGE (to call AI functions) or MODIFY (to alter or drop), on the location or "ANY
 * LOCATION" on the account. Members of {@code account_admin} may do everything in their account.
 * A principal holds its own privileges and those of every role granted to it, transitively.
 * Only the owner (or a member of the owning role) and admins may hand ownership on: MODIFY lets
 * you alter and drop a location, not give it away, or you could give it to yourself.
 */
public final class AccessControl {

    private final String accountName;
    private final Set<String> principals;
    private final List<GrantRecord> grants;

    private AccessControl(String accountName, Set<String> principals, List<GrantRecord> grants) {
        this.accountName = accountName;
        this.principals = principals;
        this.grants = grants;
    }

    /** Loads what the principal holds; blocking. */
    public static AccessControl of(CatalogStore store, String accountName, String principalName) {
        Set<String> principals = new HashSet<>();
        principals.add(principalName);
        List<RoleMembership> memberships = store.listRoleMemberships(accountName);
        Deque<String> pending = new ArrayDeque<>(principals);
        while (!pending.isEmpty()) {
            String member = pending.pop();
            for (RoleMembership membership : memberships) {
                if (membership.memberName().equals(member) && principals.add(membership.roleName())) {
                    pending.push(membership.roleName());
                }
            }
        }
        return new AccessControl(accountName, Set.copyOf(principals), store.listGrants(accountName));
    }

    public boolean isAdmin() {
        return principals.contains(BuiltInRoles.ACCOUNT_ADMIN);
    }

    boolean owns(LocationRecord location) {
        return principals.contains(location.owner());
    }

    public boolean canCreateLocation() {
        return isAdmin() || holds(Privilege.CREATE_LOCATION, GrantObjectType.ACCOUNT, accountName);
    }

    public boolean canUse(LocationRecord location) {
        return isAdmin() || owns(location)
                || holds(Privilege.USAGE, GrantObjectType.LOCATION, location.locationName())
                || holds(Privilege.USAGE_ANY_LOCATION, GrantObjectType.ACCOUNT, accountName);
    }

    public boolean canModify(LocationRecord location) {
        return isAdmin() || owns(location)
                || holds(Privilege.MODIFY, GrantObjectType.LOCATION, location.locationName())
                || holds(Privilege.MODIFY_ANY_LOCATION, GrantObjectType.ACCOUNT, accountName);
    }

    /** Whether the location shows in information_schema: the caller owns it or holds any privilege on it. */
    public boolean canSee(LocationRecord location) {
        return canUse(location) || canModify(location);
    }

    /** Only the owner (directly or through a role) and account admins may transfer a location's ownership. */
    public boolean canTransferOwnership(LocationRecord location) {
        return isAdmin() || owns(location);
    }

    /** Owners and admins may grant privileges on a location; only admins on the account. */
    public boolean canGrant(GrantObjectType type, LocationRecord location) {
        return isAdmin() || (type == GrantObjectType.LOCATION && location != null && owns(location));
    }

    private boolean holds(Privilege privilege, GrantObjectType type, String objectName) {
        for (GrantRecord grant : grants) {
            if (grant.privilege().equals(privilege.sql()) && grant.objectType().equals(type.name())
                    && grant.objectName().equals(objectName) && principals.contains(grant.grantee())) {
                return true;
            }
        }
        return false;
    }
}
