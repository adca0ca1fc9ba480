package org.commandcenter.jenkins.mattermost;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.Permission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.mockito.MockedStatic;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Jenkins as the port sees it, with its security model played faithfully: {@code ACL.as2(a)} makes {@code a} the
 * thread's authentication until the context is closed; item lookups and {@code hasPermission} answer for that
 * authentication only (an unauthenticated thread is anonymous and sees nothing). Every Jenkins call the port makes
 * is recorded with the authentication it ran as.
 */
final class JenkinsAsUsers implements AutoCloseable {
  static final String ANONYMOUS = "anonymous";

  final Jenkins jenkins = mock(Jenkins.class);
  final Queue queue = mock(Queue.class);
  /** Every authentication {@code ACL.as2} was called with, in order. */
  final List<Authentication> impersonated = new CopyOnWriteArrayList<>();
  /** "call as user" for every Jenkins call made. */
  final List<String> calls = new CopyOnWriteArrayList<>();
  final MockedStatic<ACL> acl = mockStatic(ACL.class);
  final MockedStatic<User> usersStatic = mockStatic(User.class);
  final MockedStatic<Jenkins> jenkinsStatic = mockStatic(Jenkins.class);

  private final ThreadLocal<Deque<Authentication>> current = ThreadLocal.withInitial(ArrayDeque::new);
  private final Map<String, User> users = new HashMap<>();
  private final Map<String, Job<?, ?>> jobs = new HashMap<>();
  private final Map<String, Set<Permission>> grants = new HashMap<>();
  private final Set<String> discoverOnly = new HashSet<>();

  JenkinsAsUsers() {
    jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
    when(jenkins.getQueue()).thenReturn(queue);
    acl.when(() -> ACL.as2(any())).thenAnswer(i -> {
      Authentication authentication = i.getArgument(0);
      impersonated.add(authentication);
      current.get().push(authentication);
      ACLContext context = mock(ACLContext.class);
      doAnswer(close -> current.get().pop()).when(context).close();
      return context;
    });
    usersStatic.when(() -> User.getById(anyString(), anyBoolean())).thenAnswer(i -> users.get(i.getArgument(0)));
    usersStatic.when(User::getAll).thenAnswer(i -> new ArrayList<>(users.values()));
    when(jenkins.getItemByFullName(anyString(), eq(Job.class))).thenAnswer(i -> {
      String name = i.getArgument(0);
      record("getItemByFullName " + name);
      Job<?, ?> job = jobs.get(name);
      if (job == null) {
        return null;
      }
      if (discoverOnly.contains(currentName() + " " + name)) {
        throw new AccessDeniedException("Please login to access job " + name);
      }
      return has(name, Item.READ) ? job : null;
    });
    when(jenkins.allItems(Job.class)).thenAnswer(i -> {
      record("allItems");
      List<Job<?, ?>> visible = new ArrayList<>();
      jobs.forEach((name, job) -> {
        if (has(name, Item.READ)) {
          visible.add(job);
        }
      });
      return visible;
    });
  }

  /** A Jenkins user whose realm knows them, with their own authentication. */
  User user(String id) {
    User user = mock(User.class);
    Authentication authentication = mock(Authentication.class);
    when(authentication.getName()).thenReturn(id);
    when(authentication.toString()).thenReturn("Authentication(" + id + ")");
    when(user.getId()).thenReturn(id);
    when(user.impersonate2()).thenReturn(authentication);
    users.put(id, user);
    return user;
  }

  /** A user with a Jenkins record the security realm no longer knows. */
  User userUnknownToTheRealm(String id) {
    User user = mock(User.class);
    when(user.getId()).thenReturn(id);
    when(user.impersonate2()).thenThrow(new UsernameNotFoundException(id));
    users.put(id, user);
    return user;
  }

  /** A buildable freestyle-or-Pipeline-like job (Job, ParameterizedJob, Queue.Task). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Job job(String fullName) {
    Job job = mock(Job.class, withSettings().extraInterfaces(ParameterizedJobMixIn.ParameterizedJob.class,
        Queue.Task.class));
    when(job.getFullName()).thenReturn(fullName);
    when(job.getUrl()).thenReturn("job/" + fullName.replace("/", "/job/") + "/");
    when(job.isBuildable()).thenReturn(true);
    when(job.hasPermission(any(Permission.class))).thenAnswer(i -> {
      record("hasPermission " + ((Permission) i.getArgument(0)).name + " " + fullName);
      return has(fullName, i.getArgument(0));
    });
    jobs.put(fullName, job);
    return job;
  }

  void grant(String userId, String job, Permission... permissions) {
    grants.computeIfAbsent(userId + " " + job, k -> new HashSet<>()).addAll(List.of(permissions));
  }

  /** Job/Discover without Job/Read: Jenkins throws "Please login to access job" instead of answering null. */
  void discoverOnly(String userId, String job) {
    discoverOnly.add(userId + " " + job);
  }

  /** The thread's current authentication's name, as Jenkins would see it. */
  String currentName() {
    Authentication authentication = current.get().peek();
    return authentication == null ? ANONYMOUS : authentication.getName();
  }

  void record(String call) {
    calls.add(call + " as " + currentName());
  }

  private boolean has(String job, Permission permission) {
    Set<Permission> granted = grants.getOrDefault(currentName() + " " + job, Set.of());
    return granted.contains(permission) || (permission == Item.READ && !granted.isEmpty());
  }

  @Override
  public void close() {
    jenkinsStatic.close();
    usersStatic.close();
    acl.close();
  }
}
